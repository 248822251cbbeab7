import { request } from "node:http";

/** The status of a GET naming `host` as its Host, as a DNS-rebinding page's request would (fetch cannot set Host), as a browser asks for a page. */
export function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host, accept: "text/html" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on("error", reject)
      .end();
  });
}
