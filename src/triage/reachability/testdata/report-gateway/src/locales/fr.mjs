import 'dayjs/locale/fr.js';

export const messages = { hello: 'Bonjour' };
