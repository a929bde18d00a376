const express = require('express');
const jwt = require('jsonwebtoken');
const _ = require('lodash');
const moment = require('moment');
const axios = require('axios');

const app = express();
app.use(express.json());

app.get('/api/products', async (req, res) => {
  const { data } = await axios.get(`${process.env.CATALOG_URL}/products`);
  res.json(_.sortBy(data, 'price'));
});

app.post('/api/login', (req, res) => {
  const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token, issued: moment().toISOString() });
});

app.listen(process.env.PORT || 3000);
