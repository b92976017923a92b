-- Version 3: clusters that span more than 30 days are flagged, so that finding the clusters a
-- new report may join reads a short date range (plus the few long-lived ones), not every
-- cluster of its type that ended after its date.
ALTER TABLE event_clusters ADD COLUMN long_lived INTEGER NOT NULL DEFAULT 0;
UPDATE event_clusters SET long_lived = 1 WHERE julianday(date_last) - julianday(date) > 30;
DROP INDEX event_clusters_plover_last;
CREATE INDEX event_clusters_long_lived ON event_clusters(plover, long_lived, date_last);
