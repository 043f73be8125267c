"""The engines that store and search thongcao's index, behind one seam (`engines.base`)."""
