/*
 * erfakit-lab: a prebuilt JupyterLab 4 extension, written by hand (no build step, no imports).
 *
 * JupyterLab loads a prebuilt extension by running this file and calling the module-federation
 * container it registers on window._JUPYTERLAB[<package name>]: init(shareScope), then
 * get("./extension") -> a factory of the module whose default export is the plugin list
 * (see jupyterlab/staging/bootstrap.js). The plugin needs no shared packages: it uses only the
 * application object it is activated with.
 *
 * What it does: when a notebook whose metadata has {"erfakit": {"run_on_open": true}} is opened
 * (`erfakit lab` writes the meeting notebook so), it folds the side bars away, waits for the kernel
 * to answer and runs all cells once, so the tovholder sees the forms. A run-all sent to a kernel that has just become
 * idle is sometimes dropped, so the first code cell's execution count is the receipt, and the
 * run is sent again (at most four times) when it never came.
 */
(function () {
  'use strict';

  var ATTEMPTS = 4;
  var RECEIPT_TIMEOUT_MS = 15000;
  var KERNEL_TIMEOUT_MS = 120000;

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function waitFor(test, timeoutMs) {
    var deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (test()) { return true; }
      await sleep(200);
    }
    return test();
  }

  function marked(panel) {
    var model = panel.content && panel.content.model;
    if (!model) { return false; }
    var meta = typeof model.getMetadata === 'function' ? model.getMetadata('erfakit') : undefined;
    return !!(meta && meta.run_on_open);
  }

  function firstCodeCellRan(panel) {
    var cells = panel.content.widgets.filter(function (cell) { return cell.model.type === 'code'; });
    return cells.length > 0 && cells[0].model.executionCount !== null;
  }

  async function kernelAnswers(panel) {
    var session = panel.sessionContext.session;
    var kernel = session && session.kernel;
    if (!kernel) { return false; }
    try {
      await Promise.race([
        kernel.requestKernelInfo(),
        sleep(5000).then(function () { throw new Error('timeout'); })
      ]);
      return true;
    } catch (error) {
      return false;
    }
  }

  async function runOnce(app, panel) {
    await panel.context.ready;
    if (!marked(panel)) { return; }
    // A calm first screen, as a tovholder makes it before the projector: the notebook alone.
    if (app.shell.collapseLeft) { app.shell.collapseLeft(); }
    if (app.shell.collapseRight) { app.shell.collapseRight(); }
    await panel.sessionContext.ready;
    for (var attempt = 0; attempt < ATTEMPTS; attempt++) {
      var deadline = Date.now() + KERNEL_TIMEOUT_MS;
      while (!(await kernelAnswers(panel))) {
        if (Date.now() > deadline || panel.isDisposed) { return; }
        await sleep(300);
      }
      if (app.shell.currentWidget !== panel) { app.shell.activateById(panel.id); }
      await app.commands.execute('notebook:run-all-cells');
      if (await waitFor(function () { return panel.isDisposed || firstCodeCellRan(panel); }, RECEIPT_TIMEOUT_MS)) {
        return;
      }
    }
    console.warn('erfakit-lab: the notebook did not start running after ' + ATTEMPTS + ' attempts');
  }

  var plugin = {
    id: 'erfakit-lab:run-on-open',
    description: 'Runs a notebook marked metadata.erfakit.run_on_open once, when it is opened.',
    autoStart: true,
    activate: function (app) {
      var seen = new WeakSet();
      function consider(widget) {
        // A notebook panel: a document widget with a session and a notebook content.
        if (!widget || seen.has(widget) || !widget.context || !widget.sessionContext || !widget.content) { return; }
        if (!widget.content.widgets) { return; }
        seen.add(widget);
        runOnce(app, widget).catch(function (error) { console.error('erfakit-lab:', error); });
      }
      app.restored.then(function () {
        var main = app.shell.widgets('main');
        var next = main.next();
        while (next && !next.done) { consider(next.value); next = main.next(); }
        if (app.shell.currentChanged) {
          app.shell.currentChanged.connect(function (_shell, change) { consider(change.newValue); });
        }
      });
    }
  };

  var registry = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  registry['erfakit-lab'] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (module !== './extension') {
        return Promise.reject(new Error('erfakit-lab has no module ' + module));
      }
      return Promise.resolve(function () { return { __esModule: true, default: [plugin] }; });
    }
  };
})();
