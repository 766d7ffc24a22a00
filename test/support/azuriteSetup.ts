export { setup as default } from './azuriteGlobal';
