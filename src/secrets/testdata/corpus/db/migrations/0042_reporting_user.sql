-- reporting user for the BI tool
BEGIN;
CREATE USER reporting WITH ENCRYPTED PASSWORD 'Mh1VeZaRvvPp2yT5t0Nr';
CREATE USER 'etl'@'10.%' IDENTIFIED BY 'IriNFcoN0pzslPfd';
ALTER USER app WITH PASSWORD :'app_password';
-- CREATE USER demo WITH PASSWORD 'changeme';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
COMMIT;
