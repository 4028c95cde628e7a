// File: engine/catalogue/test_catalogue.h
//
// For tests only: the shipped catalogue (engine/catalogue/data/catalogue.tsv),
// loaded once per test binary.
//
//   const iameval::Catalogue& catalogue = iameval::testing::ShippedCatalogue();

#ifndef IAMEVAL_ENGINE_CATALOGUE_TEST_CATALOGUE_H_
#define IAMEVAL_ENGINE_CATALOGUE_TEST_CATALOGUE_H_

#include <cstdlib>
#include <iostream>
#include <string>

#include "iameval/lint.h"

namespace iameval::testing {

inline const Catalogue& ShippedCatalogue() {
  static const Catalogue* catalogue = [] {
    CatalogueLoad load = Catalogue::LoadFile(std::string(IAMEVAL_SOURCE_DIR) +
                                             "/engine/catalogue/data/catalogue.tsv");
    if (!load.ok()) {
      std::cerr << "cannot load the shipped catalogue: " << load.error << "\n";
      std::abort();
    }
    return new Catalogue(*load.catalogue);
  }();
  return *catalogue;
}

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_CATALOGUE_TEST_CATALOGUE_H_
