/** An error the API answers with its own status and a message for the client. */
export class HttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 503;
  readonly code: string;

  constructor(status: HttpError['status'], code: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
