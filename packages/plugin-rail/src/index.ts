export { rail } from "./plugin.js"
