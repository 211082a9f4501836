# Shared by the end-to-end scripts (sourced): each check prints "ok" or
# "FAIL" and counts its failures; the script ends with a status of its own.
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }
# Every file of a tree with its SHA-256, sorted: two trees hold the same
# bytes at the same paths when these are equal.
# The files of a tree with their sums, but for the spares a build keeps in
# site/ (write/spare_tree.h): the last swap's old tree, never published.
tree_sums() { (cd "$1" && find . -path '*/.*.sitrep-spare' -prune -o -type f -exec sha256sum {} + | sort); }
