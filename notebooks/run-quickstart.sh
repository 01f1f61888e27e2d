#!/usr/bin/env bash
# The main job: builds mtl4j, installs its kernel into target/jupyter, executes the quickstart
# notebook through the real kernel (nbconvert/nbclient) and writes the executed notebook and an
# HTML page with the inline plots. Usage: notebooks/run-quickstart.sh [NOTEBOOK] (default:
# 01-quickstart).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-01-quickstart}
mvn -B -q -DskipTests package
java -jar kernel-ext/target/mtl4j.jar install --prefix target/jupyter >/dev/null
export JUPYTER_PATH="$PWD/target/jupyter/share/jupyter"
out="$PWD/target/notebooks"
rm -f "$out/$name.ipynb" "$out/$name.html"
start=$(date +%s)
if ! /usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=1800 \
    --output-dir "$out" "notebooks/$name.ipynb" > "$out.log" 2>&1; then
  grep -v '^0.00s' "$out.log" >&2
  echo "The notebook failed; see the messages above." >&2
  exit 1
fi
if ! /usr/bin/python3 -m nbconvert --to html --output-dir "$out" "$out/$name.ipynb" \
    > "$out.log" 2>&1; then
  grep -v '^0.00s' "$out.log" >&2
  exit 1
fi
echo "Executed $name in $(( $(date +%s) - start )) s through the mtl4j kernel."
echo "Executed notebook: $out/$name.ipynb"
echo "HTML page:         $out/$name.html"
