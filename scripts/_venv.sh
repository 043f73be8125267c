# Shared by scripts/test and scripts/serve: make .venv with Python >= 3.11 and install the project.
ensure_venv() {
  local extras="$1" python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
      || { echo "thongcao needs Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --editable "$extras"
}
