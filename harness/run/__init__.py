"""One run of the suite: data seed and feature selection, workers and shards (parallel), evidence,
timings, early start of the mock, reliability options, and the tools that run the suite many
times (bench, flaky, mutants, probe)."""
