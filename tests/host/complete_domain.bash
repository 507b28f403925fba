#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# complete_domain.bash WORD...: what the installed bash completion offers
# for "vee WORD..." (the last word being the one typed), one line.
. /usr/local/share/bash-completion/completions/vee
COMP_WORDS=(vee "$@")
COMP_CWORD=$#
_vee
echo "${COMPREPLY[*]}"
