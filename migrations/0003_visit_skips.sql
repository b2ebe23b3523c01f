-- Days at home between visits (README, "Next visit"): an accepted NextVisit entry moves
-- the attempt's clock on by its gap at once, so the simulated time an entry may have
-- reached is the speed times the wall time since the start plus the gaps taken.

ALTER TABLE attempts ADD COLUMN skipped_s DOUBLE PRECISION NOT NULL DEFAULT 0.0;
