import express from 'express';

// The database driver is chosen at deploy time: pg in production, mysql2 for some customers.
const driverName = process.env.DB_DRIVER ?? 'pg';
const driver = await import(driverName);

const lang = process.env.LANG_CODE || 'en';
const { messages } = await import(`./locales/${lang}.mjs`);

const app = express();
app.get('/health', (req, res) => res.json({ ok: true, driver: typeof driver, hello: messages.hello }));
app.listen(8080);
