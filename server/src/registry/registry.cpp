#include "registry/registry.hpp"

#include "storage/registry_repository.hpp"

namespace lianjian::registry {

Page<Unit> RegistryService::list_units(const UnitFilter& filter) {
    storage::Connection connection(database_);
    return storage::list_units(connection.session(), filter);
}

Page<OfficeArea> RegistryService::list_office_areas() {
    storage::Connection connection(database_);
    return storage::list_office_areas(connection.session());
}

}  // namespace lianjian::registry
