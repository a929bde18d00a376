'use strict';

const express = require('express');
const auth = require('./auth');
const reports = require('./routes/reports');

const app = express();
app.set('view engine', 'pug');
app.use(express.json());

app.post('/login', auth.login);
app.get('/reports/:id', reports.show);

app.listen(process.env.PORT || 8080);
