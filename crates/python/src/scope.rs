//! Scope analysis: which names a function body binds, so that reading one before it is
//! assigned raises `UnboundLocalError` (as CPython decides at compile time) instead of
//! silently reading a global.

use ruff_python_ast::{self as ast, Expr, Stmt};
use std::collections::HashSet;

/// The names `body` binds locally (assignments, loop and `with` targets, `except ... as`,
/// imports, nested `def`/`class` names), minus those declared `global` or `nonlocal`.
pub fn local_names(params: Option<&ast::Parameters>, body: &[Stmt]) -> HashSet<String> {
    let mut bound = HashSet::new();
    let mut declared = HashSet::new();
    if let Some(p) = params {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            bound.insert(a.parameter.name.id.to_string());
        }
        for a in p.vararg.iter().chain(p.kwarg.iter()) {
            bound.insert(a.name.id.to_string());
        }
    }
    collect_block(body, &mut bound, &mut declared);
    bound.retain(|n| !declared.contains(n));
    bound
}

fn collect_block(body: &[Stmt], bound: &mut HashSet<String>, declared: &mut HashSet<String>) {
    for s in body {
        collect_stmt(s, bound, declared);
    }
}

fn collect_target(e: &Expr, bound: &mut HashSet<String>) {
    match e {
        Expr::Name(n) => {
            bound.insert(n.id.to_string());
        }
        Expr::Tuple(t) => t.elts.iter().for_each(|e| collect_target(e, bound)),
        Expr::List(l) => l.elts.iter().for_each(|e| collect_target(e, bound)),
        Expr::Starred(s) => collect_target(&s.value, bound),
        _ => {}
    }
}

fn collect_stmt(s: &Stmt, bound: &mut HashSet<String>, declared: &mut HashSet<String>) {
    match s {
        Stmt::Assign(a) => a.targets.iter().for_each(|t| collect_target(t, bound)),
        Stmt::AugAssign(a) => collect_target(&a.target, bound),
        Stmt::AnnAssign(a) => collect_target(&a.target, bound),
        Stmt::For(f) => {
            collect_target(&f.target, bound);
            collect_block(&f.body, bound, declared);
            collect_block(&f.orelse, bound, declared);
        }
        Stmt::While(w) => {
            collect_block(&w.body, bound, declared);
            collect_block(&w.orelse, bound, declared);
        }
        Stmt::If(i) => {
            collect_block(&i.body, bound, declared);
            for c in &i.elif_else_clauses {
                collect_block(&c.body, bound, declared);
            }
        }
        Stmt::With(w) => {
            for item in &w.items {
                if let Some(v) = &item.optional_vars {
                    collect_target(v, bound);
                }
            }
            collect_block(&w.body, bound, declared);
        }
        Stmt::Try(t) => {
            collect_block(&t.body, bound, declared);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(n) = &h.name {
                    bound.insert(n.id.to_string());
                }
                collect_block(&h.body, bound, declared);
            }
            collect_block(&t.orelse, bound, declared);
            collect_block(&t.finalbody, bound, declared);
        }
        Stmt::FunctionDef(f) => {
            bound.insert(f.name.id.to_string());
        }
        Stmt::ClassDef(c) => {
            bound.insert(c.name.id.to_string());
        }
        Stmt::Import(i) => {
            for a in &i.names {
                let name = a.asname.as_ref().unwrap_or(&a.name).id.as_str();
                bound.insert(name.split('.').next().unwrap_or(name).to_string());
            }
        }
        Stmt::ImportFrom(i) => {
            for a in &i.names {
                bound.insert(a.asname.as_ref().unwrap_or(&a.name).id.to_string());
            }
        }
        Stmt::Delete(d) => d.targets.iter().for_each(|t| collect_target(t, bound)),
        Stmt::Global(g) => declared.extend(g.names.iter().map(|n| n.id.to_string())),
        Stmt::Nonlocal(n) => declared.extend(n.names.iter().map(|n| n.id.to_string())),
        _ => {}
    }
}
