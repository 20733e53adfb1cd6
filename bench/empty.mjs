// Nothing: the start-up of Node itself, the yardstick of bench/startup-bench.mjs.
