# Reads a packing list with PLIST_SUB applied and writes the absolute paths of its files to the file named by
# `listed` and of its @dir directories to `dirs`, one per line. A relative path is below `prefix`. Blank
# lines and @comment are skipped; any other @keyword is an error naming the line.
BEGIN { printf "" > listed; printf "" > dirs }
/^[ \t]*$/ { next }
/^@comment([ \t]|$)/ { next }
/^@dir[ \t]/ {
	p = $0; sub(/^@dir[ \t]+/, "", p)
	print abs(p) > dirs
	next
}
/^@/ {
	printf "packing list %s, line %d: %s is not supported by this framework\n", FILENAME, FNR, $1 > "/dev/stderr"
	bad = 1
	next
}
{ print abs($0) > listed }
END { if (bad) exit 1 }
function abs(p) {
	sub(/\/+$/, "", p)
	return substr(p, 1, 1) == "/" ? p : prefix "/" p
}
