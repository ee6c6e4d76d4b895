# Writes a package's +COMPACT_MANIFEST and +MANIFEST (compact JSON, pkg(8)'s key order) from tab-separated
# records, one per line:
#   name|origin|version|comment|maintainer|www|abi|arch|prefix|flatsize|licenselogic  <TAB> value
#   license <TAB> name          category <TAB> name          descfile <TAB> path
#   dep <TAB> name <TAB> origin <TAB> version                  option <TAB> name <TAB> on|off
#   annotation <TAB> key <TAB> value                           file <TAB> path <TAB> 1$<sha256 hex>
#   dir <TAB> path
# Run with LC_ALL=C (strings are handled byte by byte). Output files: -v compact=... -v full=...
# Descriptions and paths are %-encoded as pkg does (non-ASCII bytes and '%' as %xx), then JSON-escaped.
# Empty values and empty lists are left out, as pkg leaves them out.
BEGIN {
	FS = "\t"
	for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
	nlic = ncat = ndep = nopt = nann = nfile = ndir = 0
}
$1 == "license"    { lic[++nlic] = $2; next }
$1 == "category"   { cat[++ncat] = $2; next }
$1 == "dep"        { ndep++; depname[ndep] = $2; deporigin[ndep] = $3; depversion[ndep] = $4; next }
$1 == "option"     { nopt++; optname[nopt] = $2; optvalue[nopt] = $3; next }
$1 == "annotation" { nann++; annkey[nann] = $2; annvalue[nann] = $3; next }
$1 == "file"       { nfile++; filepath[nfile] = $2; filesum[nfile] = $3; next }
$1 == "dir"        { dirpath[++ndir] = $2; next }
$1 == "descfile" {
	desc = ""
	while ((getline line < $2) > 0) desc = desc line "\n"
	close($2)
	sub(/\n+$/, "", desc)
	f["desc"] = desc
	next
}
{ f[$1] = $2 }

function urlenc(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (ord[c] >= 128 || c == "%") out = out sprintf("%%%02x", ord[c])
		else out = out c
	}
	return out
}
function js(s,    out, i, c, o) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1); o = ord[c]
		if (c == "\"") out = out "\\\""
		else if (c == "\\") out = out "\\\\"
		else if (c == "\n") out = out "\\n"
		else if (c == "\t") out = out "\\t"
		else if (c == "\r") out = out "\\r"
		else if (o < 32) out = out sprintf("\\u%04x", o)
		else out = out c
	}
	return "\"" out "\""
}
function str(key) { return f[key] == "" ? "" : "," js(key) ":" js(f[key]) }
function list(key, a, n,    out, i) {
	if (n == 0) return ""
	out = "," js(key) ":["
	for (i = 1; i <= n; i++) out = out (i > 1 ? "," : "") js(a[i])
	return out "]"
}
function head(    out, i) {
	out = "{" js("name") ":" js(f["name"]) str("origin") "," js("version") ":" js(f["version"])
	out = out str("comment") str("maintainer") str("www") str("abi") str("arch") str("prefix")
	out = out "," js("flatsize") ":" (f["flatsize"] + 0)
	out = out str("licenselogic") list("licenses", lic, nlic)
	if (f["desc"] != "") out = out "," js("desc") ":" js(urlenc(f["desc"]))
	if (ndep > 0) {
		out = out "," js("deps") ":{"
		for (i = 1; i <= ndep; i++)
			out = out (i > 1 ? "," : "") js(depname[i]) ":{" js("origin") ":" js(deporigin[i]) "," js("version") ":" js(depversion[i]) "}"
		out = out "}"
	}
	out = out list("categories", cat, ncat)
	if (nopt > 0) {
		out = out "," js("options") ":{"
		for (i = 1; i <= nopt; i++) out = out (i > 1 ? "," : "") js(optname[i]) ":" js(optvalue[i])
		out = out "}"
	}
	if (nann > 0) {
		out = out "," js("annotations") ":{"
		for (i = 1; i <= nann; i++) out = out (i > 1 ? "," : "") js(annkey[i]) ":" js(annvalue[i])
		out = out "}"
	}
	return out
}
END {
	if (f["name"] == "" || f["version"] == "") { print "manifest.awk: name and version are required" > "/dev/stderr"; exit 1 }
	h = head()
	printf "%s}", h > compact
	out = h
	if (nfile > 0) {
		out = out "," js("files") ":{"
		for (i = 1; i <= nfile; i++) out = out (i > 1 ? "," : "") js(urlenc(filepath[i])) ":" js(filesum[i])
		out = out "}"
	}
	if (ndir > 0) {
		out = out "," js("directories") ":{"
		for (i = 1; i <= ndir; i++) out = out (i > 1 ? "," : "") js(urlenc(dirpath[i] "/")) ":" js("y")
		out = out "}"
	}
	printf "%s}", out > full
}
