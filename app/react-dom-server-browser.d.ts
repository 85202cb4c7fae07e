// react-dom ships its web-stream server renderer as react-dom/server.browser; @types/react-dom
// types it under react-dom/server only.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
