#!/bin/bash
DATE=$(date +%F)
mysqldump --single-transaction -h mysql.internal -u backup -pSkkLb51CtV1cEbb8vZ shop > /backups/shop-$DATE.sql
mysql -h mysql.internal -u root -p shop < restore.sql
docker run -d -e MYSQL_ROOT_PASSWORD=HuBe00YrBbuaPhNC3 mysql:8
wget --user=ci --password=ygGfXFp5Qbp9sT9 https://artifacts.acme.io/builds/latest.tar.gz
