-- The three databases of deploy/compose.yaml's PostgreSQL, one per service that has one (deploy's Service:
-- budget-service, indicator-service, scoring-service). Run once by the postgres image on an empty data directory
-- (/docker-entrypoint-initdb.d); each service creates its own tables with Flyway. ManifestsTest checks that these
-- are the databases the services' JDBC URLs name.
create database budget;
create database indicator;
create database scoring;
