// The npm loader is a plain script with no exports: importing it only runs it (it defines window.cadesplugin).
declare module 'cadesplugin-api';
