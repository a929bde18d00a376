'use strict';

const dayjs = require('dayjs');
// lodash is a devDependency, but this file ships: production code uses it all the same.
const template = require('lodash/template');

const invoice = template('<h1>Invoice <%- month %></h1><p>Issued <%- issued %></p>');

exports.renderInvoice = (month) => invoice({ month, issued: dayjs().format('YYYY-MM-DD') });
