/* SPDX-License-Identifier: GPL-2.0 */
/* One function per subcommand, each in its own cmd_NAME.c. */
#ifndef VEE_COMMANDS_H
#define VEE_COMMANDS_H

int cmd_version(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_kill(int argc, char **argv);
int cmd_freeze(int argc, char **argv);	/* cmd_freeze.c */
int cmd_thaw(int argc, char **argv);	/* cmd_freeze.c */
int cmd_destroy(int argc, char **argv);

#endif
