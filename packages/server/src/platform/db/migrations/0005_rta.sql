-- RTA partition ownership (wfm-engine spec §2.1, Floorplan simplification): tenants hash to 64
-- partitions; a node processes the tenants of the partitions it holds. A lease is taken or renewed
-- with a compare-and-set on (owner, expires_at), so a dead node's partitions pass on at expiry.
CREATE TABLE rta_partition_lease (
  partition int PRIMARY KEY CHECK (partition BETWEEN 0 AND 63),
  owner text NOT NULL,
  expires_at timestamptz NOT NULL
);
