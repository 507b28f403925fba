/* SPDX-License-Identifier: GPL-2.0 */
/*
 * default-seccomp.json, the built-in default profile, as read-only data
 * of the tool: vee_seccomp_default_json and its size in bytes.  No new
 * build tool: the assembler's .incbin reads the file at build time, by a
 * path relative to the top of the tree, where make runs the compiler.
 *
 * default-seccomp.json is Docker's default profile, unchanged: moby/moby
 * profiles/seccomp/default.json at commit
 * 00f3d189e420d485e42d15fe494f96d272284e0e, Copyright Docker, Inc.,
 * Apache License 2.0 (JSON has no room for this note).
 */
	.section .rodata
	.balign 16
	.globl	vee_seccomp_default_json
	.type	vee_seccomp_default_json, @object
vee_seccomp_default_json:
	.incbin	"userspace/confine/default-seccomp.json"
vee_seccomp_default_json_end:
	.byte	0	/* a NUL after the text, for anyone who prints it */
	.size	vee_seccomp_default_json, . - vee_seccomp_default_json

	.balign 8
	.globl	vee_seccomp_default_json_size
	.type	vee_seccomp_default_json_size, @object
vee_seccomp_default_json_size:
	.quad	vee_seccomp_default_json_end - vee_seccomp_default_json
	.size	vee_seccomp_default_json_size, 8

	/* No executable stack for the tool because of this file. */
	.section .note.GNU-stack, "", @progbits
