-- Rate-limit counters are worth less than the WAL they cost: a crash at most resets the current
-- minute's counts. UNLOGGED skips WAL for every per-request upsert.
ALTER TABLE "api_ratelimitcounter" SET UNLOGGED;
