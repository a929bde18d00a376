#!/usr/bin/env node
"use strict";

require('please-upgrade-node')(require('../../package.json'));

require('./')();