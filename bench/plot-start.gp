# SPDX-License-Identifier: GPL-2.0
# The start-latency chart: median time to start and reap an isolated
# static /true, per peer, one bar per kernel.  bench/report runs it:
#   gnuplot -e "data='results/start-summary.dat'; out='start-latency.png'" plot-start.gp
# data: a header row (peer, then one quoted kernel per column), then one
# row per peer with its median in ms on each kernel.
set terminal pngcairo size 1000,560 font ",11" noenhanced
set output out
set title "Start latency of an isolated static /true (median, ms, log scale; QEMU TCG: compare bars, not absolute times)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [1:*]
set ylabel "ms"
set grid ytics
set xtics rotate by -25 scale 0
set key top left autotitle columnheader
set datafile separator "\t"
plot for [c=2:*] data using c:xtic(1) title columnheader(c)
