export { ecology } from "./plugin.js"
