/*
 * Demo only — never part of the production page. scripts/demo.ts adds this classic script (after the emulator's
 * IIFE, before the page's module) to the copy of the page it serves. It installs the CryptoPro plug-in emulator
 * and labels the page as an emulation.
 */
(function () {
  'use strict';
  var testing = window.OfdSignerTesting;
  if (!testing) return;
  // The scenario picked in the banner's switch survives a reload of this tab (the plug-in is checked at load).
  var KEY = 'ofd-signer-demo-scenario';
  var scenarios = testing.SCENARIOS || ['ok'];
  var chosen = sessionStorage.getItem(KEY);
  if (scenarios.indexOf(chosen) < 0) chosen = 'ok';
  // Only the extension is emulated (CryptoPro's Manifest V3 one, at its id): the page's widget brings its own loader,
  // which finds it the way it finds the real one. A little latency per plug-in call, as the real extension has.
  window.ofdSignerDemoPlugin = testing.installCadesPluginMock({ latencyMs: 15, loader: 'none', scenario: chosen });

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function banner() {
    var now = new Date();
    var printed =
      pad(now.getDate()) + '.' + pad(now.getMonth() + 1) + '.' + now.getFullYear() + ' ' + pad(now.getHours()) + ':' + pad(now.getMinutes());
    var el = document.createElement('aside');
    el.className = 'demo-banner';
    el.setAttribute('aria-label', 'Демонстрация / Demo');
    var title = document.createElement('strong');
    title.textContent = 'Демо-режим · Demo mode';
    var text = document.createElement('p');
    text.textContent =
      'Плагин КриптоПро здесь эмулируется (ofd-signer/testing), ОФД — заглушка; подписи настоящие ГОСТ, но тестовые. ' +
      'The CryptoPro plug-in is emulated and OFD is a mock; the GOST signatures are real but made with test keys.';
    var report = document.createElement('p');
    report.className = 'demo-report';
    report.textContent =
      'Отчёт о регистрации «напечатан» эмулируемой кассой / The emulated cash register printed its registration report: ' +
      printed + ' · ФД/FD 1 · ФП/FP 1234567890';
    // Try the error paths without the console: the scenario applies to the next plug-in call; the ones the plug-in
    // shows at load (missing, no host) need the page reloaded, which the switch does.
    var label = document.createElement('label');
    label.className = 'demo-scenario';
    label.textContent = 'Сценарий плагина / Plug-in scenario ';
    var select = document.createElement('select');
    scenarios.forEach(function (name) {
      var option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name === chosen;
      select.append(option);
    });
    select.addEventListener('change', function () {
      var before = chosen;
      chosen = select.value;
      sessionStorage.setItem(KEY, chosen);
      var atLoad = ['plugin-missing', 'extension-no-host', 'outdated-plugin'];
      if (atLoad.indexOf(chosen) >= 0 || atLoad.indexOf(before) >= 0) location.reload();
      else window.ofdSignerDemoPlugin.setScenario(chosen);
    });
    label.append(select);
    el.append(title, text, report, label);
    document.body.prepend(el);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', banner);
  else banner();
})();
