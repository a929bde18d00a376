'use strict';

const jwt = require('jsonwebtoken');

exports.login = (req, res) => {
  const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
};
