// SPDX-License-Identifier: GPL-2.0
/* /true for the start-latency benchmark: built -static, so no loader runs. */
int main(void)
{
	return 0;
}
