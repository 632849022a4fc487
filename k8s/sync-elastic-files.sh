#!/bin/sh
# Copies the deploy/elastic files listed in k8s/elastic-files.txt into k8s/base/elastic/files/.
# Why copies: kustomize only loads files inside the kustomization's root, and `kubectl apply -k` (the documented
# deploy) has no --load-restrictor flag; the k8s module's tests fail whenever the copies drift from deploy/elastic.
set -eu

k8s=$(cd "$(dirname "$0")" && pwd)
source_dir="$k8s/../deploy/elastic"
target_dir="$k8s/base/elastic/files"

[ -d "$source_dir" ] || { echo "no $source_dir" >&2; exit 1; }
rm -rf "$target_dir"
mkdir -p "$target_dir"

cd "$source_dir"
grep -v -e '^#' -e '^[[:space:]]*$' "$k8s/elastic-files.txt" | while read -r pattern; do
  matched=0
  for file in $pattern; do
    [ -f "$file" ] || continue
    mkdir -p "$target_dir/$(dirname "$file")"
    cp "$file" "$target_dir/$file"
    echo "copied deploy/elastic/$file"
    matched=1
  done
  [ "$matched" = 1 ] || { echo "no file in deploy/elastic matches $pattern" >&2; exit 1; }
done
