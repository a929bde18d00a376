// Loads demo data into a running instance: a maintenance script, not part of the service.
const request = require('request');

request.post({ url: 'http://localhost:8080/reports', json: { id: 1 } });
