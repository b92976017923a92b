-- Version 4: indexes that keep merging fast in a store of 100,000 events.
-- (plover, date, date_last): looking for the clusters a new report may join checks date_last
-- inside the index instead of reading every cluster of the type from the last five weeks.
DROP INDEX event_clusters_plover_date;
CREATE INDEX event_clusters_plover_date_last ON event_clusters(plover, date, date_last);
-- Refreshing a cluster deletes its actor terms by cluster id, which the primary key
-- (term, cluster_id) cannot serve: without this each refresh scanned the whole table.
CREATE INDEX cluster_actor_terms_cluster ON cluster_actor_terms(cluster_id);
