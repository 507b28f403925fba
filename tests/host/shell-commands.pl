#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0
# shell-commands.pl [--make] FILE...: the commands that shell scripts (or,
# with --make, a Makefile's recipes and $(shell ...) calls) run, one
# "NAME<TAB>FILE:LINE" per use, for tests/host/deps_test.sh.
#
# A lexer of the shell, not a parser: it knows quotes (across lines),
# comments, here-documents (skipped: they are data), $(...), `...`,
# ${...}, $((...)), redirections, separators, case patterns, function
# definitions, the reserved words and the prefix commands (env, exec,
# nice, timeout, xargs, $SUDO ...).  A word in command position that is a
# plain name or an absolute path is printed; one built from variables is
# not (it names no fixed program).  Also printed: absolute paths of system
# programs in any word (--file /usr/bin/crun:...), the list of a
# `for t in A B; do command -v $t` loop, and the words of an array
# TOOLS=(...) or X_TOOLS=(...).  Functions defined in any of the files
# are left out; the caller leaves out the shell's builtins.
use strict;
use warnings;

my $make = 0;
my @defs;
while (@ARGV && $ARGV[0] =~ /^--/) {
	my $o = shift;
	if ($o eq '--make') { $make = 1; }
	elsif ($o =~ /^--defs=(.*)/) { push @defs, $1; }
	else { die "shell-commands.pl: unknown option $o\n"; }
}

my %keyword = map { $_ => 1 } qw(if then else elif fi do done while until
	for in case esac select function { } [[ ]] ! time);
# Reserved words after which a command starts.
my %opener = map { $_ => 1 } qw(if then else elif do while until { ! time);
# Commands that run the command given after their options.
my %prefix = map { $_ => 1 } qw(env nice timeout xargs setsid sudo stdbuf
	ionice taskset fakeroot chroot unshare nsenter);
my (%func, @out);

# Where positions are reported: the file, and its line start offsets.
my ($file, @starts, $fixed_where);
sub where {
	my ($pos) = @_;
	return $fixed_where if defined $fixed_where;
	my ($lo, $hi) = (0, $#starts);
	while ($lo < $hi) {
		my $mid = int(($lo + $hi + 1) / 2);
		if ($starts[$mid] <= $pos) { $lo = $mid; } else { $hi = $mid - 1; }
	}
	return "$file:" . ($lo + 1);
}

sub emit { my ($w, $pos) = @_; push @out, [$w, where($pos)]; }

# A word with an expansion in it (\x01; \x03 is $SUDO) names no fixed
# command.
sub plain {
	my ($w) = @_;
	return undef if !defined $w || $w =~ /[\x01\x03]/;
	return $w;
}

# find_close(STR, POS, OPEN, CLOSE): the index of the CLOSE that matches
# an OPEN just before POS, skipping quoted text.
sub find_close {
	my ($s, $i, $open, $close) = @_;
	my $depth = 1;
	while ($i < length $s) {
		my $c = substr($s, $i, 1);
		if ($c eq '\\') { $i += 2; next; }
		if ($c eq "'") {
			my $j = index($s, "'", $i + 1);
			$i = $j < 0 ? length $s : $j + 1;
			next;
		}
		if ($c eq '"') {
			$i++;
			while ($i < length $s && substr($s, $i, 1) ne '"') {
				$i++ if substr($s, $i, 1) eq '\\';
				$i++;
			}
			$i++;
			next;
		}
		if ($c eq $open) { $depth++; }
		elsif ($c eq $close) { $depth--; return $i if $depth == 0; }
		$i++;
	}
	return length $s;
}

# lex(TEXT, BASE): emit the commands of TEXT, which starts at offset BASE
# of the file.
sub lex {
	my ($s, $base) = @_;
	my (@cmd, $word, $cmd_pos, @heredocs);
	my $redirect = 0;	# the next word is a redirection's target
	my $pattern = 0;	# in a case's patterns, up to their )
	my $depth = 0;		# ( ... ) nesting
	my $end_word = sub {
		if (defined $word) {
			if ($pattern) {
				$pattern = 0 if $word eq 'esac';
				$word = undef;
				return;
			}
			# A program's path: --file /usr/bin/crun:/usr/bin/crun
			emit($1, $cmd_pos) if $word =~ m{^(/(?:usr/)?s?bin/[\w.+-]+)(?::|$)};
			if ($word eq 'in' && @cmd == 2 && $cmd[0] eq 'case') {
				$pattern = 1;
				@cmd = ();
				$word = undef;
				return;
			}
			if ($redirect) { $redirect = 0; }
			else { push @cmd, $word; }
		}
		$word = undef;
	};
	my $end_cmd = sub {
		$end_word->();
		command([@cmd], $cmd_pos) if @cmd;
		@cmd = ();
		$redirect = 0;
	};
	my $i = 0;
	my $n = length $s;
	while ($i < $n) {
		my $c = substr($s, $i, 1);
		$cmd_pos = $base + $i if !@cmd && !defined $word;
		if ($c eq "\n") {
			$end_cmd->();
			$i++;
			# Here-documents start on the next line: data, skipped.
			while (@heredocs) {
				my $delim = shift @heredocs;
				while ($i < $n) {
					my $e = index($s, "\n", $i);
					$e = $n if $e < 0;
					my $line = substr($s, $i, $e - $i);
					$i = $e + 1;
					last if $line =~ /^\t*\Q$delim\E\s*$/;
				}
			}
			next;
		}
		if ($c =~ /\s/) { $end_word->(); $i++; next; }
		if ($c eq '#' && !defined $word) {
			my $e = index($s, "\n", $i);
			$i = $e < 0 ? $n : $e;
			next;
		}
		if ($c eq '\\') {
			$word .= substr($s, $i + 1, 1) if substr($s, $i + 1, 1) ne "\n";
			$i += 2;
			next;
		}
		if ($c eq "'") {
			my $j = index($s, "'", $i + 1);
			$j = $n if $j < 0;
			$word .= substr($s, $i + 1, $j - $i - 1);
			$i = $j + 1;
			next;
		}
		if ($c eq '"') {
			# Text, but $(...) and `...` inside run commands.
			$i++;
			my $text = '';
			while ($i < $n && substr($s, $i, 1) ne '"') {
				my $d = substr($s, $i, 1);
				if ($d eq '\\') { $text .= substr($s, $i + 1, 1); $i += 2; next; }
				if (substr($s, $i, 2) eq '$(' && substr($s, $i, 3) ne '$((') {
					my $j = find_close($s, $i + 2, '(', ')');
					lex(substr($s, $i + 2, $j - $i - 2), $base + $i + 2);
					$text .= "\x01";
					$i = $j + 1;
					next;
				}
				if ($d eq '`') {
					my $j = index($s, '`', $i + 1);
					$j = $n if $j < 0;
					lex(substr($s, $i + 1, $j - $i - 1), $base + $i + 1);
					$text .= "\x01";
					$i = $j + 1;
					next;
				}
				if ($d eq '$') { $text .= "\x01"; $i++; next; }
				$text .= $d;
				$i++;
			}
			$word .= $text;
			$i++;
			next;
		}
		if ($c eq '`') {
			my $j = index($s, '`', $i + 1);
			$j = $n if $j < 0;
			lex(substr($s, $i + 1, $j - $i - 1), $base + $i + 1);
			$word .= "\x01";
			$i = $j + 1;
			next;
		}
		if ($c eq '$') {
			my $rest = substr($s, $i, 8);
			if ($rest =~ /^\$(\{SUDO\}|SUDO\b)/) {
				# $SUDO CMD: sudo, or nothing as root.
				$i += 1 + length $1;
				$word .= "\x03";
				next;
			}
			if (substr($s, $i, 3) eq '$((') {
				$i = find_close($s, $i + 3, '(', ')') + 1;
				$i++ if substr($s, $i, 1) eq ')';
			} elsif (substr($s, $i + 1, 1) eq '(') {
				my $j = find_close($s, $i + 2, '(', ')');
				lex(substr($s, $i + 2, $j - $i - 2), $base + $i + 2);
				$i = $j + 1;
			} elsif (substr($s, $i + 1, 1) eq '{') {
				$i = find_close($s, $i + 2, '{', '}') + 1;
			} else {
				$i++;
				if (substr($s, $i, 1) =~ /[?@*!\$#0-9-]/) { $i++; }
				else { $i++ while $i < $n && substr($s, $i, 1) =~ /\w/; }
			}
			$word .= "\x01";
			next;
		}
		if ($c eq '<' && substr($s, $i, 3) =~ /^<<[^<]/) {
			# A here-document: its delimiter, and no target.
			$end_word->();
			$i += 2;
			$i++ if substr($s, $i, 1) eq '-';
			$i++ while substr($s, $i, 1) =~ /[ \t]/;
			my $delim = '';
			while ($i < $n && substr($s, $i, 1) !~ /[\s;&|<>()]/) {
				my $d = substr($s, $i, 1);
				$delim .= $d unless $d eq "'" || $d eq '"' || $d eq '\\';
				$i++;
			}
			push @heredocs, $delim;
			next;
		}
		if ($c eq '<' || $c eq '>') {
			# <, >, >>, 2>, &>, >&2, <<<, <( ... ), >( ... )
			if (substr($s, $i + 1, 1) eq '(') {
				$end_word->();
				$redirect = 0;	# <(...) was the target
				my $j = find_close($s, $i + 2, '(', ')');
				lex(substr($s, $i + 2, $j - $i - 2), $base + $i + 2);
				$i = $j + 1;
				next;
			}
			$word = undef if defined $word && $word =~ /^\d+$/;
			$end_word->();
			$i++ while $i < $n && substr($s, $i, 1) =~ /[<>|]/;
			if (substr($s, $i, 1) eq '&') {
				$i++;
				if (substr($s, $i, 1) =~ /[\d-]/) {
					$i++ while $i < $n && substr($s, $i, 1) =~ /[\d-]/;
					next;
				}
			}
			$redirect = 1;
			next;
		}
		if ($c eq '&' && substr($s, $i + 1, 1) eq '>') { $end_word->(); $i++; next; }
		if ($c eq ';' && substr($s, $i + 1, 1) eq ';') {
			# ;; (or ;& ;;&): the next case pattern follows.
			$end_cmd->();
			$pattern = 1;
			$i += 2;
			$i++ if substr($s, $i, 1) =~ /[&;]/;
			next;
		}
		if ($c =~ /[;&|]/) { $end_cmd->() unless $pattern; $i++; next; }
		if ($c eq '(' && !defined $word && substr($s, $i + 1, 1) eq '(') {
			# (( arithmetic ))
			$i = find_close($s, $i + 2, '(', ')') + 2;
			next;
		}
		if ($c eq '[' && !defined $word && substr($s, $i, 3) =~ /^\[\[\s/) {
			# [[ ... ]]: a test, with a syntax of its own.
			my $j = index($s, ']]', $i + 2);
			$i = $j < 0 ? $n : $j + 2;
			next;
		}
		if ($c eq '(') {
			if (defined $word && $word =~ /^(\w+)\+?=$/) {
				# An array NAME=( ... ): data, or a list of tools.
				my $name = $1;
				my $j = find_close($s, $i + 1, '(', ')');
				if ($name =~ /(^|_)TOOLS$/) {
					for (split ' ', substr($s, $i + 1, $j - $i - 1)) {
						emit($_, $base + $i) if /^[\w.+-]+$/;
					}
				}
				$word = undef;
				$i = $j + 1;
				next;
			}
			if (defined $word && !@cmd && substr($s, $i + 1, 1) eq ')') {
				# NAME() { ... }: a function.
				$func{$word} = 1 if defined plain($word);
				$word = undef;
				$i += 2;
				next;
			}
			$end_cmd->();
			$depth++;
			$i++;
			next;
		}
		if ($c eq ')') {
			if ($pattern) { $pattern = 0; $word = undef; }
			elsif ($depth > 0) { $end_cmd->(); $depth--; }
			else { $word = undef; @cmd = (); }
			$i++;
			next;
		}
		$word .= $c;
		$i++;
	}
	$end_cmd->();
}

# command(WORDS, POS): the program a simple command runs, after
# assignments, reserved words and prefix commands.
sub command {
	my ($w, $pos) = @_;
	my @w = @$w;
	while (@w) {
		my $x = shift @w;
		next if $x eq "\x03";	# $SUDO CMD
		my $p = plain($x);
		return if !defined $p;
		next if $p =~ /^\w+(\[[^]]*\])?\+?=/;	# an assignment
		if ($p eq 'function') {
			$func{$w[0]} = 1 if @w && defined plain($w[0]);
			return;
		}
		return if $p eq 'for' || $p eq 'case' || $p eq 'select';
		next if $opener{$p};
		return if $keyword{$p};
		if ($p eq 'exec' || $p eq 'builtin' || $p eq 'command') {
			# command -v NAME looks NAME up: a use of it too.
			shift @w while @w && $w[0] =~ /^-/;
			next;
		}
		if ($prefix{$p}) {
			emit($p, $pos);
			while (@w) {
				my $y = $w[0];
				if ($y =~ /^-/) {
					shift @w;
					# Options that take an argument.
					shift @w if @w && (($p eq 'timeout' && $y =~ /^-[sk]$/) ||
						($p eq 'nice' && $y eq '-n') ||
						($p eq 'env' && $y eq '-u') ||
						($p eq 'xargs' && $y =~ /^-[nIsdLP]$/));
					next;
				}
				if ($p eq 'env' && $y =~ /^\w+=/) { shift @w; next; }
				if ($p eq 'timeout' && $y =~ /^(\x01|\d)/) { shift @w; next; }
				if ($p eq 'taskset' && $y =~ /^[\dx,-]+$/) { shift @w; next; }
				last;
			}
			next;
		}
		emit($p, $pos) if $p =~ m{^[\w.+-]+$} || $p =~ m{^/(usr/)?s?bin/[\w.+-]+$};
		return;
	}
}

# make_close(TEXT, POS): the index of the ) or } that closes the ( or {
# at POS.
sub make_close {
	my ($t, $i) = @_;
	my ($open, $depth) = (substr($t, $i, 1), 0);
	my $close = $open eq '(' ? ')' : '}';
	for (; $i < length $t; $i++) {
		my $c = substr($t, $i, 1);
		$depth++ if $c eq $open;
		$depth-- if $c eq $close;
		return $i if $depth == 0;
	}
	return length $t;
}

# make_text(TEXT): a recipe line as the shell sees it, make's own $(...),
# ${...} and $X made an expansion, $$ the shell's $.
sub make_text {
	my ($t) = @_;
	my $r = '';
	for (my $i = 0; $i < length $t; $i++) {
		my $c = substr($t, $i, 1);
		if ($c ne '$') { $r .= $c; next; }
		my $d = substr($t, $i + 1, 1);
		if ($d eq '$') { $r .= '$'; $i++; next; }
		$i = ($d eq '(' || $d eq '{') ? make_close($t, $i + 1) : $i + 1;
		$r .= '${MAKEVAR}';
	}
	return $r;
}

sub slurp {
	my ($f) = @_;
	open my $fh, '<', $f or die "$f: $!";
	local $/;
	my $t = <$fh>;
	close $fh;
	return $t;
}

for my $f (@ARGV) {
	$file = $f;
	my $text = slurp($f);
	@starts = (0);
	push @starts, pos($text) while $text =~ /\n/g;
	if ($make) {
		# Each recipe line (a tab first, continuation lines joined) is a
		# shell command, and so is each $(shell ...); make's own $(...)
		# and ${...} are expansions, $$ is the shell's $.
		my $line = 0;
		my @lines = split /\n/, $text, -1;
		while (@lines) {
			my $l = shift @lines;
			my $start = ++$line;
			while ($l =~ /\\$/ && @lines) {
				$l =~ s/\\$/ /;
				$l .= shift @lines;
				$line++;
			}
			next if $l =~ /^\s*#/;
			my @sh;
			for (my $i = index($l, '$(shell '); $i >= 0; $i = index($l, '$(shell ', $i + 1)) {
				my $j = make_close($l, $i + 1);
				push @sh, substr($l, $i + 8, $j - $i - 8);
			}
			push @sh, $l if $l =~ s/^\t[@+-]*//;
			$fixed_where = "$f:$start";
			lex(make_text($_), 0) for @sh;
			$fixed_where = undef;
		}
		next;
	}
	lex($text, 0);
	# for t in A B C; do command -v "$t" ...: a list of tools.
	while ($text =~ /^[ \t]*for\s+(\w+)\s+in\s+([^;\n]*);\s*do\b[^\n]*\n?[^\n]*?\bcommand\s+-v\s+"?\$\{?\1\b/mg) {
		my ($list, $pos) = ($2, $-[0]);
		for (split ' ', $list) { emit($_, $pos) if /^[\w.+-]+$/; }
	}
}

# Files only read for their functions (sourced helpers).
for my $f (@defs) {
	$file = $f;
	my @save = @out;
	@starts = (0);
	lex(slurp($f), 0);
	@out = @save;
}

for (@out) {
	my ($w, $where) = @$_;
	next if $func{$w};
	print "$w\t$where\n";
}
