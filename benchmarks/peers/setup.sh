#!/usr/bin/env bash
# Creates benchmarks/peers/.venv and installs the peers the benchmark runs against, pinned so
# that a measurement can be repeated with the same libraries (issue 18, item 2).
# pyarrow: pandas 3 backs its string columns with it when it is installed (the fast path a
# data engineer would have), and the pandas script reads CSV with engine="pyarrow".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
POLARS_VERSION=2.1.0
PANDAS_VERSION=3.1.1
PYARROW_VERSION=26.0.1
if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "polars==$POLARS_VERSION" "pandas==$PANDAS_VERSION" "pyarrow==$PYARROW_VERSION"
"$here/.venv/bin/python" - <<'PY'
import platform, polars, pandas, pyarrow
print(f"python {platform.python_version()}, polars {polars.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}")
PY
