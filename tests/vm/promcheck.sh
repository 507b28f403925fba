#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# promcheck.sh [FILE]: a strict checker of the Prometheus text exposition
# format (0.0.4) as vee writes it, for the guest (no promtool there) and
# for what promtool lets through (it accepts a family split in two and a
# series given twice).  Exits 1 and names the first offending line on:
#   a line that is not "# HELP", "# TYPE" or a sample in the grammar
#   (metric and label names, label values with only \\ \" \n escapes,
#   a float value, no timestamp: the textfile collector refuses them);
#   a family without HELP then TYPE, or with them twice; a sample not of
#   the family just declared (families must be whole); a counter not
#   named *_total or a gauge that is; a sample without the labels name
#   and id (a number); the same series twice.
exec awk '
function bad(why) {
	printf "promcheck: line %d: %s: %s\n", NR, why, $0
	failed = 1
	exit 1
}
# Parses the label set at the start of s ("{...}"), sets labels; returns
# the rest of the line after the closing brace.
function labels_of(s,    name, v, c) {
	nlabels = 0
	delete_labels()
	s = substr(s, 2)
	while (substr(s, 1, 1) != "}") {
		if (!match(s, /^[a-zA-Z_][a-zA-Z0-9_]*="/))
			bad("bad label name")
		name = substr(s, 1, RLENGTH - 2)
		s = substr(s, RLENGTH + 1)
		v = ""
		for (;;) {
			c = substr(s, 1, 1)
			if (c == "")
				bad("unterminated label value")
			if (c == "\"")
				break
			if (c == "\\") {
				c = substr(s, 2, 1)
				if (c != "\\" && c != "\"" && c != "n")
					bad("bad escape in label value")
				v = v "\\" c
				s = substr(s, 3)
				continue
			}
			v = v c
			s = substr(s, 2)
		}
		s = substr(s, 2)
		if (name in label)
			bad("label " name " twice")
		label[name] = v
		lnames[++nlabels] = name
		if (substr(s, 1, 1) == ",")
			s = substr(s, 2)
		else if (substr(s, 1, 1) != "}")
			bad("expected , or } after a label")
	}
	return substr(s, 2)
}
function delete_labels(    k) {
	for (k in label)
		delete label[k]
}
BEGIN { fam = ""; state = "" }
/^$/ { bad("empty line") }
/^#/ {
	if ($0 ~ /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* [^\n]*$/) {
		if ($3 in declared)
			bad("family " $3 " declared twice (or split)")
		declared[$3] = 1
		fam = $3
		state = "help"
		next
	}
	if ($0 ~ /^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge)$/) {
		if (state != "help" || $3 != fam)
			bad("TYPE not right after the HELP of its family")
		type = $4
		if (type == "counter" && fam !~ /_total$/)
			bad("counter not named _total")
		if (type == "gauge" && fam ~ /_total$/)
			bad("gauge named _total")
		state = "type"
		next
	}
	bad("not a HELP or TYPE line")
}
{
	if (!match($0, /^[a-zA-Z_:][a-zA-Z0-9_:]*/))
		bad("bad metric name")
	name = substr($0, 1, RLENGTH)
	rest = substr($0, RLENGTH + 1)
	if (state == "" || name != fam)
		bad("sample outside its family (" fam ")")
	if (state == "help")
		bad("sample before TYPE")
	if (substr(rest, 1, 1) != "{")
		bad("no labels")
	all = rest
	rest = labels_of(rest)
	series = name substr(all, 1, length(all) - length(rest))
	if (!("name" in label) || !("id" in label))
		bad("labels name and id missing")
	if (label["id"] !~ /^[0-9]+$/)
		bad("id is not a number")
	if (rest !~ /^ [-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/ &&
	    rest !~ /^ ([-+]Inf|NaN)$/)
		bad("bad value (or a timestamp)")
	if (series in seen)
		bad("series twice")
	seen[series] = 1
	samples++
}
END {
	if (failed)
		exit 1
	if (state == "help")
		bad("HELP without TYPE at the end")
	printf "promcheck: %d families, %d samples\n", length(declared), samples
}' "$@"
