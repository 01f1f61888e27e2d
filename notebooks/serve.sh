#!/usr/bin/env bash
# Builds mtl4j, installs its kernel into target/jupyter and starts Jupyter Notebook on the
# tutorials (open the printed URL; pick "Java (mtl4j)" for new notebooks). Extra arguments go to
# the notebook server, e.g. --port 8899 or --ip 0.0.0.0.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
java -jar kernel-ext/target/mtl4j.jar install --prefix target/jupyter >/dev/null
export JUPYTER_PATH="$PWD/target/jupyter/share/jupyter"
exec /usr/bin/python3 -m notebook --notebook-dir="$PWD/notebooks" "$@"
