'use strict';

const express = require('express');
const { renderInvoice } = require('./lib/render');

exports.run = function run(args) {
  const app = express();
  app.get('/invoices/:month', (req, res) => res.send(renderInvoice(req.params.month, args)));
  app.listen(3000);
};
