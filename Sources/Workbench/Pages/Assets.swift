/// The workbench's stylesheet and script, served from the binary (no CDN, no build step):
/// live progress on a run's page, the editor (checks as the planner types, paste from Excel,
/// rows, the map), and the buildings upload.
enum Assets {
    static let css = """
    *{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f6f7f9;line-height:1.5}
    header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1rem;background:#234;color:#fff}
    header a{color:#fff;text-decoration:none}.home{font-weight:700}
    main{max-width:1100px;margin:0 auto;padding:1rem}
    h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
    .card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
    .scroll{overflow-x:auto;max-width:100%}
    table{border-collapse:collapse;font-size:.92rem}th,td{border-bottom:1px solid #e3e7ec;padding:.3rem .6rem;text-align:left;white-space:nowrap}
    td.num{text-align:right;font-variant-numeric:tabular-nums}table.wrap td{white-space:normal}table.wrap td.met,table.wrap td.missed{white-space:nowrap}
    form{display:inline-flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.3rem 0}
    input,select,button{font:inherit;padding:.3rem .5rem;max-width:100%;box-sizing:border-box}input[type=number]{width:7em}
    form,label{max-width:100%}button{background:#2a6df4;color:#fff;border:0;border-radius:4px;cursor:pointer}
    button.secondary{background:#6b7785}
    .error{color:#b3261e;white-space:pre-wrap;font-family:monospace;font-size:.85rem}
    .ok{color:#1e7b34}.met{color:#1e7b34}.missed{color:#b3261e;font-weight:700}
    .clear{background:#d8f0dc}.busy{background:#fde7b0}.congested{background:#f6c4c0}
    .bar{height:1rem;background:#e3e7ec;border-radius:4px;overflow:hidden}.bar>div{height:100%;background:#2a6df4;width:0}
    svg.map{width:100%;height:auto;max-width:720px;background:#fff;border:1px solid #dde2e8}
    iframe.report{width:100%;height:80vh;border:1px solid #dde2e8;background:#fff}
    .muted{color:#6b7785;font-size:.88rem}
    ul.log{font-family:monospace;font-size:.82rem;max-height:14rem;overflow:auto;padding-left:1.2rem}
    pre.report{white-space:pre;overflow-x:auto;font-size:.8rem;background:#fff;border:1px solid #dde2e8;padding:.6rem}
    td.better{background:#d8f0dc}td.worse{background:#f6c4c0}
    table.grid input{border:1px solid #cfd6de;padding:.15rem .3rem}table.grid input.changed{background:#fff8d6}
    table.grid input.bad{border:2px solid #b3261e;background:#fde8e6}table.grid input.warn{border:2px solid #e8a200}
    ul.problems{padding-left:1.2rem}ul.problems li.warn{color:#8a5a00}
    tr.newrow input{background:#e8f4ea}tr.removed input{text-decoration:line-through;opacity:.5}td.rowops button{padding:.1rem .4rem;margin-right:.2rem}
    @media (max-width:600px){main{padding:.5rem}th,td{padding:.25rem .35rem}h1{font-size:1.2rem}}
    """

    /// Live progress: a page with `data-events` follows the run's server-sent events and
    /// reloads when it has ended.
    static let js = """
    (function(){
      var el=document.querySelector('[data-events]');
      upload();
      if(!el||!window.EventSource)return editor();
      var bar=el.querySelector('.bar>div'),text=el.querySelector('.progress-text'),log=el.querySelector('.log');
      var es=new EventSource(el.getAttribute('data-events')),shown='';
      es.onmessage=function(e){
        var d=JSON.parse(e.data);
        if(bar&&d.total>0)bar.style.width=(100*d.done/d.total)+'%';
        if(text)text.textContent=d.done+' / '+d.total+' · '+d.label;
        if(log&&d.line&&d.line!==shown){shown=d.line;var li=document.createElement('li');li.textContent=d.line;log.appendChild(li);}
        if(d.finished){es.close();location.reload();}
      };
      function upload(){
        var box=document.querySelector('[data-import]');
        if(!box)return;
        box.querySelector('input.import').addEventListener('change',function(e){
          var file=e.target.files[0];if(!file)return;
          fetch(box.getAttribute('data-import')+'&name='+encodeURIComponent(file.name),{method:'POST',credentials:'same-origin',
            headers:{'Content-Type':'application/octet-stream'},body:file}).then(function(r){
            if(r.ok){location.href=r.url;return;}
            return r.text().then(function(t){var d=document.createElement('div');d.innerHTML=t;
              box.querySelector('.import-error').textContent=(d.querySelector('main')||d).textContent;});
          });
        });
      }
      function editor(){
        var box=document.querySelector('.editor');
        if(!box)return;
        var csvCells=[].slice.call(document.querySelectorAll('input.csvcell'));
        var cells=[].slice.call(document.querySelectorAll('input.cell')),timer=null,status=box.querySelector('.status'),list=box.querySelector('.problems');
        // Rows added below one-line items (copies to edit) and items marked for removal.
        function structure(){
          var adds=[].slice.call(document.querySelectorAll('tr.newrow')).map(function(tr){
            var values={};[].slice.call(tr.querySelectorAll('input.newcell')).forEach(function(i){values[i.getAttribute('data-key')]=i.value;});
            return {after:+tr.getAttribute('data-after'),values:values};});
          var removes=[].slice.call(document.querySelectorAll('tr.removed')).map(function(tr){return +tr.getAttribute('data-item');});
          var lines={};[].slice.call(document.querySelectorAll('tr[data-item]')).forEach(function(tr){lines[tr.getAttribute('data-item')]=tr.getAttribute('data-text');});
          return {adds:adds,removes:removes,lines:lines};
        }
        [].slice.call(document.querySelectorAll('td.rowops')).forEach(function(td){
          var tr=td.parentNode;
          td.querySelector('button.add').addEventListener('click',function(){
            var head=[].slice.call(tr.closest('table').rows[0].cells).map(function(c){return c.textContent;});
            var copy=document.createElement('tr');copy.className='newrow';copy.setAttribute('data-after',tr.getAttribute('data-item'));
            [].slice.call(tr.cells).forEach(function(c,k){
              var td2=document.createElement('td'),src=c.querySelector('input.cell');
              if(src){var inp=document.createElement('input');inp.className='newcell';inp.setAttribute('data-key',head[k]);inp.value=src.value;inp.size=src.size;
                inp.addEventListener('input',check);td2.appendChild(inp);}
              copy.appendChild(td2);
            });
            var after=tr;while(after.nextSibling&&after.nextSibling.classList&&after.nextSibling.classList.contains('newrow'))after=after.nextSibling;
            after.parentNode.insertBefore(copy,after.nextSibling);check();
          });
          td.querySelector('button.remove').addEventListener('click',function(){tr.classList.toggle('removed');check();});
        });
        function csvEdits(){return csvCells.filter(function(c){return c.value!==c.getAttribute('data-old');}).map(function(c){
          return {line:+c.getAttribute('data-line'),field:+c.getAttribute('data-field'),old:c.getAttribute('data-old'),new:c.value};});}
        function edits(){return cells.filter(function(c){return c.value!==c.getAttribute('data-old');}).map(function(c){
          return {line:+c.getAttribute('data-line'),column:+c.getAttribute('data-col'),old:c.getAttribute('data-old'),new:c.value};});}
        function show(answer){
          cells.concat(csvCells).forEach(function(c){c.classList.remove('bad','warn');c.removeAttribute('title');
            c.classList.toggle('changed',c.value!==c.getAttribute('data-old'));});
          list.innerHTML='';
          answer.problems.forEach(function(p){
            var li=document.createElement('li');li.textContent=p.message;if(p.warning)li.className='warn';list.appendChild(li);
            var on=(p.csv?csvCells:cells).filter(function(c){return +c.getAttribute('data-line')===p.line;});
            var at=p.csv?(on.filter(function(c){return p.message.indexOf('column '+c.getAttribute('data-key'))>=0;})[0]||on[0])
                        :(on.filter(function(c){return +c.getAttribute('data-col')<=p.column;}).pop()||on[0]);
            if(at){at.classList.add(p.warning?'warn':'bad');at.title=p.message;}
          });
        }
        function send(path,then){
          fetch(path,{method:'POST',headers:{'Content-Type':'application/json'},credentials:'same-origin',
            body:JSON.stringify(Object.assign({f:box.getAttribute('data-file'),edits:edits(),csv:csvEdits()},structure()))}).then(function(r){return r.json();}).then(then);
        }
        function check(){clearTimeout(timer);timer=setTimeout(function(){send('/check',show);},350);}
        cells.concat(csvCells).forEach(function(c,i){
          c.addEventListener('input',check);
          c.addEventListener('paste',function(e){
            var text=(e.clipboardData||window.clipboardData).getData('text');
            if(text.indexOf('\\t')<0&&text.indexOf('\\n')<0)return;
            e.preventDefault();
            var row=c.closest('tr'),table=c.closest('table'),rows=[].slice.call(table.rows),r0=rows.indexOf(row);
            var col0=[].slice.call(row.cells).indexOf(c.closest('td'));
            text.replace(/\\r/g,'').split('\\n').filter(function(l){return l.length;}).forEach(function(line,dr){
              var tr=rows[r0+dr];if(!tr)return;
              line.split('\\t').forEach(function(v,dc){var td=tr.cells[col0+dc],inp=td&&td.querySelector('input.cell,input.csvcell');if(inp)inp.value=v.trim();});
            });
            check();
          });
        });
        // The map: a building's call-up rows in the call-up table (columns building, site, window).
        var panel=document.querySelector('.mapedit'),chosen=null;
        function rowsOf(id){
          return [].slice.call(document.querySelectorAll('table.grid')).map(function(t){
            var head=[].slice.call(t.rows[0].cells).map(function(c){return c.textContent;});
            var b=head.indexOf('building'),s=head.indexOf('site'),w=head.indexOf('window');
            if(b<0||s<0||w<0)return [];
            return [].slice.call(t.rows).slice(1).filter(function(r){var i=r.cells[b].querySelector('input');return i&&i.value===id;})
              .map(function(r){return {site:r.cells[s].querySelector('input'),window:r.cells[w].querySelector('input')};});
          }).reduce(function(a,b){return a.concat(b);},[]);
        }
        [].slice.call(document.querySelectorAll('g.bld')).forEach(function(g){
          g.style.cursor='pointer';
          g.addEventListener('click',function(){
            chosen=g.getAttribute('data-building');var rows=rowsOf(chosen);if(!panel||!rows.length)return;
            panel.hidden=false;panel.querySelector('.which').textContent=chosen;
            if(rows[0].site)panel.querySelector('select.site').value=rows[0].site.value;
            panel.querySelector('input.window').value=rows.length===1&&rows[0].window?rows[0].window.value:'';
          });
        });
        if(panel)panel.querySelector('button.apply').addEventListener('click',function(){
          var rows=rowsOf(chosen),site=panel.querySelector('select.site').value,win=panel.querySelector('input.window').value;
          rows.forEach(function(r){if(r.site)r.site.value=site;});
          if(rows.length===1&&rows[0].window&&win)rows[0].window.value=win;
          check();
        });
        box.querySelector('button.save').addEventListener('click',function(){
          send('/save',function(a){show(a);if(a.saved){status.textContent=box.getAttribute('data-saved');setTimeout(function(){location.reload();},400);}});
        });
      }
    })();
    """
}
