/* interlayer ndp reduce (cmd_ndp_reduce.c). */
#ifndef CLI_CMD_NDP_REDUCE_H
#define CLI_CMD_NDP_REDUCE_H

int cli_ndp_reduce(int argc, char **argv);

#endif
