'use strict';

const _ = require('lodash');

const page = _.template('<h1><%- title %></h1><p><%- body %></p>');

exports.show = (req, res) => {
  res.send(page({ title: `Report ${req.params.id}`, body: _.escape(req.query.note || '') }));
};
