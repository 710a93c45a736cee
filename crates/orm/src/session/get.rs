//! `session.get()` and the hydration of rows into objects through the identity map: the
//! same object for the same row, loaded attributes kept unless `populate_existing`.

use super::*;

impl Session {
    /// `session.get(Class, pk)`: from the identity map without SQL when loaded there, else a
    /// SELECT (after an autoflush) with the class's eager loaders (`joined`, `selectin`).
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush; [`Error::Dbapi`].
    pub fn get(&mut self, mapper: &Rc<Mapper>, pk: &[Value]) -> Result<Option<ObjectId>> {
        self.get_keyed(mapper, pk, "get")
    }

    /// `session.get(Class, pk, options=[...], populate_existing=...)`: as [`Session::get`],
    /// the SELECT (when one runs: the object is not in the identity map, or
    /// `populate_existing`) with the loader options and overwriting loaded attributes.
    ///
    /// # Failure
    /// As [`Session::get`].
    pub fn get_with(
        &mut self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        options: Vec<crate::query::LoaderOption>,
        populate_existing: bool,
    ) -> Result<Option<ObjectId>> {
        if options.is_empty() && !populate_existing {
            return self.get(mapper, pk);
        }
        self.check_usable()?;
        if !populate_existing && self.identity.contains_key(&identity_key(mapper, pk)) {
            return self.get(mapper, pk);
        }
        self.autoflush_now()?;
        // SQLAlchemy's cache key of the SELECT holds its options.
        let namespace = match options.is_empty() {
            true => "get".to_owned(),
            false => format!("get:with:{options:?}"),
        };
        let mut query = self.get_query(mapper, pk, &namespace)?.options(options);
        if populate_existing {
            query = query.populate_existing();
        }
        self.first_object(&query)
    }

    /// [`Session::get`] whose SELECT has the compiled-cache entry `namespace` (a many-to-one
    /// lazy load is a statement of its own for SQLAlchemy's cache).
    pub(crate) fn get_keyed(
        &mut self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        namespace: &str,
    ) -> Result<Option<ObjectId>> {
        self.check_usable()?;
        let key = identity_key(mapper, pk);
        if let Some(&id) = self.identity.get(&key) {
            self.load_if_expired(id)?;
            let (gone, isa) = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                (inst.marked_deleted, inst.mapper.isa(mapper))
            };
            // `session.get(Engineer, 1)` when row 1 is a Manager: none.
            return Ok(if gone || !isa { None } else { Some(id) });
        }
        self.autoflush_now()?;
        self.get_keyed_query(mapper, pk, namespace, Vec::new())
    }

    /// The SELECT of [`Session::get_keyed`] with loader options, without looking in the
    /// identity map first.
    pub(crate) fn get_keyed_query(
        &mut self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        namespace: &str,
        options: Vec<crate::query::LoaderOption>,
    ) -> Result<Option<ObjectId>> {
        let query = self.get_query(mapper, pk, namespace)?.options(options);
        self.first_object(&query)
    }

    /// The object of the first row of `query`.
    fn first_object(&mut self, query: &crate::query::OrmSelect) -> Result<Option<ObjectId>> {
        Ok(self
            .execute(query)?
            .first()
            .and_then(|row| row.into_iter().next().and_then(|cell| cell.object())))
    }

    /// The SELECT of [`Session::get`]: `select(User).where(User.id == pk)`, eager loaders
    /// included, with the compiled-cache entry `namespace`.
    fn get_query(
        &self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        namespace: &str,
    ) -> Result<crate::query::OrmSelect> {
        let entity = crate::query::Entity::of(mapper);
        let mut query = crate::query::select(vec![entity.clone().into()]).no_autoflush();
        query.cache_namespace = Some(namespace.to_owned());
        // A joined-table subclass is looked up by its base table's key (`employee.id`).
        let from = match mapper.is_joined() {
            true => crate::sql::FromItem::Table(mapper.base_mapper().persist_table()),
            false => entity.from.clone(),
        };
        for (&i, v) in mapper.pk().iter().zip(pk) {
            let name = &mapper.table().columns()[i].name;
            query = query.where_(from.c(name)?.eq(v.clone()));
        }
        Ok(query)
    }

    /// Turns a row into an object through the identity map: the same object for the same
    /// primary key, its loaded attributes left as they are.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`] if the store lost the object.
    pub fn hydrate(&mut self, mapper: &Rc<Mapper>, row: Vec<Value>) -> Result<ObjectId> {
        self.hydrate_row(mapper, &row, false)
    }

    /// Hydrates one entity's cells of a row; with `populate_existing` an object already in
    /// the identity map has every attribute overwritten (its pending changes are lost, as in
    /// SQLAlchemy).
    pub(crate) fn hydrate_row(
        &mut self,
        mapper: &Rc<Mapper>,
        row: &[Value],
        populate_existing: bool,
    ) -> Result<ObjectId> {
        // Polymorphic loading: the discriminator picks the row's class.
        let mapper = &mapper.polymorphic_mapper_for(row)?;
        let width = mapper.width().min(row.len());
        let pk: Vec<Value> = mapper
            .pk()
            .iter()
            .map(|&i| row.get(i).cloned().unwrap_or(Value::Null))
            .collect();
        let key = identity_key(mapper, &pk);
        if let Some(&id) = self.identity.get(&key) {
            let mut store = self.store.borrow_mut();
            let inst = store.get_mut(id)?;
            let width = width.min(inst.values.len());
            for (i, v) in row.iter().enumerate().take(width) {
                if populate_existing || inst.values[i].is_none() {
                    inst.values[i] = Some(v.clone());
                    inst.committed[i] = Some(v.clone());
                }
            }
            if populate_existing {
                inst.modified = false;
            }
            return Ok(id);
        }
        let id = {
            let mut store = self.store.borrow_mut();
            let id = store.create(mapper, &[])?;
            let inst = store.get_mut(id)?;
            inst.committed.widen(width);
            for (i, v) in row.iter().enumerate().take(width) {
                inst.values[i] = Some(v.clone());
                inst.committed[i] = Some(v.clone());
            }
            id
        };
        self.identity.insert(key, id);
        self.members.push(id);
        self.members.note_class(mapper);
        self.transition(id, ObjectState::Persistent)?;
        Ok(id)
    }
}
