/*
 * fuzz_seeds.h - for a harness that makes its own seed inputs (seeds.sh
 * runs it so): FUZZ_WRITES_SEEDS(write) defines libFuzzer's initialiser,
 * which with NK_FUZZ_SEEDS=DIR set calls write(DIR) and exits.
 */
#ifndef NK_FUZZ_SEEDS_H
#define NK_FUZZ_SEEDS_H

#include <stdlib.h>

#define FUZZ_WRITES_SEEDS(write)                                 \
	int LLVMFuzzerInitialize(int *argc, char ***argv);       \
	int LLVMFuzzerInitialize(int *argc, char ***argv)        \
	{                                                        \
		(void)argc, (void)argv;                          \
		const char *seeds_dir = getenv("NK_FUZZ_SEEDS"); \
		if (seeds_dir) {                                 \
			write(seeds_dir);                        \
			exit(0);                                 \
		}                                                \
		return 0;                                        \
	}

#endif
