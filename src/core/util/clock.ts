/** Now, to the second: what a MySQL `datetime` column keeps, so a returned object equals a re-read one. */
export function nowToSecond(): Date {
  const now = new Date();
  now.setUTCMilliseconds(0);
  return now;
}
